/**
 * The front door of imports: what routes, the command line and components use, and nothing else. Behind
 * it: staged-import.ts (the import page's upload → preview → import steps), import-file.ts (one file
 * into one organisation, all or nothing), dspt-status-import.ts (the national public status register),
 * history.ts (past imports and their rejected rows), and formats/ (the export layouts each kind reads).
 * The command line's row worker threads are the one exception: they load row-job.ts alone, to start quickly.
 */
export { parseMapOption } from './column-mapping';
export { importDsptStatus, type ImportReport as DsptStatusImportReport } from './dspt-status-import';
export { IMPORT_CATALOGUE } from './formats';
export { IMPORT_KINDS, type FieldSpec, type ImportKind } from './formats/format';
export { getDataFreshness, listImports, listRejections, rejectedRowsCsv, type DataFreshness, type ImportBatchView, type ImportRejectionView } from './history';
export { importFile, type ImportReport, type ImportRequest } from './import-file';
export { inspectFile } from './read-file';
export type { ImportPreview, PreviewValue } from './preview';
export type { ImportProblem } from './problems';
export {
	discardStagedImport,
	getImportOverview,
	importStagedFile,
	previewStagedImport,
	stagedImportProgress,
	stageImport,
	type ImportChoices,
	type ImportOutcome,
	type ImportStep
} from './staged-import';
export { isUploadId, UploadTooLargeError } from './upload';
