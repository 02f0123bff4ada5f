import { trainingRecordInput, type TrainingRecordInput } from '../../schemas/training';
import { recordAudit } from '../audit/service';
import { inTransaction, type ServiceContext } from '../context';
import { parseInput } from '../errors';
import { refreshMonthlyRollup } from '../metrics/rollup';
import { requireOrganisation } from '../auth/organisation-access';
import * as q from './queries';

/** Add training records, all or none. */
export async function createTrainingRecords(ctx: ServiceContext, ods: string, inputs: TrainingRecordInput[]): Promise<number> {
	const records = inputs.map((input, i) => parseInput(trainingRecordInput, `training record ${i + 1}`, input));
	return inTransaction(ctx, async (tx) => {
		const org = await requireOrganisation(tx, ods, 'edit');
		await q.insertTrainingRecords(
			tx.db,
			records.map((r) => ({
				organisation_id: org.id,
				staff_key: r.staffKey,
				staff_group: r.staffGroup,
				department: r.department,
				course: r.course,
				is_required: r.isRequired,
				is_board_member: r.isBoardMember,
				completed_on: r.completedOn ?? null,
				expires_on: r.expiresOn ?? null
			}))
		);
		await refreshMonthlyRollup(tx, org.id);
		await recordAudit(tx, { action: 'training.create', organisationId: org.id, entityType: 'training_record', summary: { records: records.length } });
		return records.length;
	});
}
