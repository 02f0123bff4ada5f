import type { TDocumentDefinitions } from 'pdfmake/interfaces';
import type { FrameInput } from '../../../../reports/frame';
import type { ServiceContext } from '../context';
import type { CoverSheetValue } from '../../schemas/report';
import type { ReportPeriod } from './period';

import { REPORT_KIND_NAMES, type ReportKindName } from '../../schemas/report';
import { ValidationError } from '../errors';

export { REPORT_KIND_NAMES, type ReportKindName };

export interface GatherOptions {
	coverSheet?: CoverSheetValue | null;
}

/** What Beacon needs to know to make one kind of pack: its data (frozen and hashed), its PDF, its bundle. */
export interface ReportKind<Data = unknown> {
	title: string;
	/** `options.coverSheet`: what the IT lead entered before generating (a board pack prints it; others ignore it). */
	gather(ctx: ServiceContext, ods: string, period: ReportPeriod, options?: GatherOptions): Promise<Data>;
	build(data: Data, meta: FrameInput): TDocumentDefinitions;
	/** The files the PDF carries inside it (PDF/A-3 associated files), a manifest.json last. */
	files(data: Data, meta: FrameInput): [string, Uint8Array][];
	/** A machine-readable companion made from the same frozen data (the regulator pack's zip). */
	bundle?(data: Data, meta: FrameInput): Buffer;
}

/** The kind of pack asked for, or a ValidationError. */
export function requireKind(kind: string): ReportKindName {
	if (!(REPORT_KIND_NAMES as readonly string[]).includes(kind))
		throw new ValidationError(`unknown report "${kind}": board or regulator`, [{ field: 'kind', message: 'board or regulator' }]);
	return kind as ReportKindName;
}
