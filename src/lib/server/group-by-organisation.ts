/** Rows of many organisations, grouped by organisation id, each group in the rows' order. */
export function groupByOrganisation<T extends { organisation_id: number }>(rows: readonly T[]): Map<number, T[]> {
	const groups = new Map<number, T[]>();
	for (const row of rows) {
		const id = Number(row.organisation_id);
		const group = groups.get(id);
		if (group) group.push(row);
		else groups.set(id, [row]);
	}
	return groups;
}
