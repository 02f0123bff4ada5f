import { formatDate } from '../src/lib/format';

/** What "as at" means on a pack's cover: the plan and assessment as they stood that day, not as they stand now. */
export function asAtNote(asOf: string): string {
	return `Figures, self-assessment, evidence, assessor findings, improvement actions and approvals are shown as they stood at the end of ${formatDate(asOf)}; nothing recorded after that day is shown.`;
}
