/** The packs Beacon makes and freezes as report snapshots. */
export const REPORT_KIND_NAMES = ['board', 'regulator'] as const;
export type ReportKindName = (typeof REPORT_KIND_NAMES)[number];
