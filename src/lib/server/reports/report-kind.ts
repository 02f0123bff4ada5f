import type { TDocumentDefinitions } from 'pdfmake/interfaces';
import type { FrameInput } from '../../../../reports/frame';
import type { ServiceContext } from '../context';
import type { ReportPeriod } from './period';

export { REPORT_KIND_NAMES, type ReportKindName } from '../../schemas/report';

/** What Beacon needs to know to make one kind of pack: its data (frozen and hashed), its PDF, its bundle. */
export interface ReportKind<Data = unknown> {
	title: string;
	gather(ctx: ServiceContext, ods: string, period: ReportPeriod): Promise<Data>;
	build(data: Data, meta: FrameInput): TDocumentDefinitions;
	/** The files the PDF carries inside it (PDF/A-3 associated files), a manifest.json last. */
	files(data: Data, meta: FrameInput): [string, Uint8Array][];
	/** A machine-readable companion made from the same frozen data (the regulator pack's zip). */
	bundle?(data: Data, meta: FrameInput): Buffer;
}
