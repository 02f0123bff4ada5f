import { boardPack } from '../../../../reports/board-pack';
import { boardPackFiles } from '../../../../reports/board-pack-files.server';
import { regulatorBundle, regulatorBundleFiles } from '../../../../reports/regulator-bundle.server';
import { regulatorPack } from '../../../../reports/regulator-pack';
import { gatherBoardPackData } from './board-data';
import { gatherRegulatorPackData } from './regulator-data';
import type { ReportKind, ReportKindName } from './report-kind';

/**
 * A kind whose data type the service need not know: it passes the kind's own gathered data, frozen and read
 * back as JSON, to the same kind's builders.
 */
const kind = <Data>(definition: ReportKind<Data>) => definition as unknown as ReportKind<unknown>;

/** The packs Beacon makes: how each gathers its data, builds its PDF and, for a regulator, its bundle. */
export const REPORT_KINDS: Record<ReportKindName, ReportKind<unknown>> = {
	board: kind({ title: 'Board assurance pack', gather: gatherBoardPackData, build: boardPack, files: boardPackFiles }),
	regulator: kind({ title: 'DSPT regulator pack', gather: gatherRegulatorPackData, build: regulatorPack, files: regulatorBundleFiles, bundle: regulatorBundle })
};
