/**
 * How src/lib/server/db/schema.ts is made from a migrated database (house rule: database types are
 * generated, never hand-written): kysely-codegen with the drivers' value decisions (see type-parsers.ts),
 * and every text column whose CHECK constraint lists its values typed with the union of those values from
 * src/lib/schemas/, so code reading a role or a status needs no cast. `npm run db:types` writes the file;
 * tests/integration/db-types.test.ts regenerates it and checks each list below against its constraint.
 */
import type { Kysely } from 'kysely';
import { PostgresDialect, serializeFromMetadata } from 'kysely-codegen';
import { ACTION_STATUSES, ASSESSMENT_STATUSES, VERDICTS } from '../src/lib/schemas/assessment';
import { ACTIVITY_TYPES, FINDING_STATUSES, OPINIONS, SEVERITIES, VERACITY_CONFIDENCES } from '../src/lib/schemas/assurance';
import { PUBLIC_STATUS_CODES } from '../src/lib/schemas/benchmark';
import { COMPLIANCE_STATES, DEVICE_TYPES, OWNERSHIPS, SNAPSHOT_SOURCES } from '../src/lib/schemas/device';
import { GENERATIONS, ITEM_TYPES, LEVELS, PROFILE_SOURCES } from '../src/lib/schemas/framework';
import { IMPORT_BATCH_KINDS, IMPORT_KINDS } from '../src/lib/schemas/imports';
import { BREACH_TYPES, INCIDENT_CATEGORIES, INCIDENT_STATUSES } from '../src/lib/schemas/incident';
import { ORGANISATION_KINDS } from '../src/lib/schemas/organisation';
import { REPORT_KIND_NAMES } from '../src/lib/schemas/report';
import { EXPENSE_TYPES, SPEND_CATEGORIES } from '../src/lib/schemas/spend';
import { ROLES } from '../src/lib/schemas/user';

/** A column's union: the type's name, the file of src/lib/schemas/ that exports it, and its values. */
export interface EnumColumn {
	type: string;
	module: string;
	values: readonly string[];
}

const union = (type: string, module: string, values: readonly string[]): EnumColumn => ({ type, module, values });

/** Each column ("table.column") whose CHECK constraint lists its values, with the union that types it. */
export const ENUM_COLUMNS: Record<string, EnumColumn> = {
	'assessment.status': union('AssessmentStatus', 'assessment', ASSESSMENT_STATUSES),
	'assessment_response.self_level': union('Level', 'framework', LEVELS),
	'assessment_response_history.self_level': union('Level', 'framework', LEVELS),
	'assurance_activity.activity_type': union('ActivityType', 'assurance', ACTIVITY_TYPES),
	'assurance_activity.overall_opinion': union('Opinion', 'assurance', OPINIONS),
	'assurance_activity.veracity_confidence': union('VeracityConfidence', 'assurance', VERACITY_CONFIDENCES),
	'assurance_finding.severity': union('Severity', 'assurance', SEVERITIES),
	'assurance_finding.status': union('FindingStatus', 'assurance', FINDING_STATUSES),
	'assurance_finding_history.severity': union('Severity', 'assurance', SEVERITIES),
	'assurance_finding_history.status': union('FindingStatus', 'assurance', FINDING_STATUSES),
	'device.compliance': union('ComplianceState', 'device', COMPLIANCE_STATES),
	'device.device_type': union('DeviceType', 'device', DEVICE_TYPES),
	'device.ownership': union('Ownership', 'device', OWNERSHIPS),
	'device_snapshot.source': union('SnapshotSource', 'device', SNAPSHOT_SOURCES),
	'framework.generation': union('Generation', 'framework', GENERATIONS),
	'framework_item.item_type': union('ItemType', 'framework', ITEM_TYPES),
	'framework_item.profile_level': union('Level', 'framework', LEVELS),
	'framework_item.profile_source': union('ProfileSource', 'framework', PROFILE_SOURCES),
	'import_batch.kind': union('ImportBatchKind', 'imports', IMPORT_BATCH_KINDS),
	'import_mapping.kind': union('ImportKind', 'imports', IMPORT_KINDS),
	'import_rejection.kind': union('ImportBatchKind', 'imports', IMPORT_BATCH_KINDS),
	'improvement_action.status': union('ActionStatus', 'assessment', ACTION_STATUSES),
	'improvement_action_history.status': union('ActionStatus', 'assessment', ACTION_STATUSES),
	'incident.breach_type': union('BreachType', 'incident', BREACH_TYPES),
	'incident.category': union('IncidentCategory', 'incident', INCIDENT_CATEGORIES),
	'incident.status': union('IncidentStatus', 'incident', INCIDENT_STATUSES),
	'investment.category': union('SpendCategory', 'spend', SPEND_CATEGORIES),
	'organisation.kind': union('OrganisationKind', 'organisation', ORGANISATION_KINDS),
	'public_status.status': union('PublicStatusCode', 'benchmark', PUBLIC_STATUS_CODES),
	'report_snapshot.kind': union('ReportKindName', 'report', REPORT_KIND_NAMES),
	'role_grant.role': union('Role', 'user', ROLES),
	'spend_line.category': union('SpendCategory', 'spend', SPEND_CATEGORIES),
	'spend_line.expense_type': union('ExpenseType', 'spend', EXPENSE_TYPES),
	'veracity_finding.verdict': union('Verdict', 'assessment', VERDICTS)
};

/** The text of schema.ts for the schema of this (migrated) database. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- introspection reads the catalogues, not the typed tables
export async function generateDbTypes(db: Kysely<any>): Promise<string> {
	const dialect = new PostgresDialect({ dateParser: 'string', numericParser: 'number' });
	const metadata = await dialect.introspector.introspect({ db, excludePattern: 'kysely_*' });
	// An override replaces the column's whole type, so it says itself what the generator would have added.
	const columns: Record<string, string> = {};
	for (const [path, { type }] of Object.entries(ENUM_COLUMNS)) {
		const [tableName, columnName] = path.split('.');
		const column = metadata.tables.find((t) => t.name === tableName)?.columns.find((c) => c.name === columnName);
		if (!column) throw new Error(`db-types: ${path} is typed with ${type}, but the migrated schema has no such column`);
		const value = column.isNullable ? `${type} | null` : type;
		columns[path] = column.hasDefaultValue ? `Generated<${value}>` : value;
	}
	// schema.ts sits in src/lib/server/db/; its type-only imports never reach the built code.
	const customImports = Object.fromEntries(Object.values(ENUM_COLUMNS).map(({ type, module }) => [type, `../../schemas/${module}`]));
	return serializeFromMetadata({
		metadata,
		dialect,
		customImports,
		overrides: { columns },
		typeOnlyImports: true,
		// int8 is parsed to number by both drivers (type-parsers.ts).
		typeMapping: { int8: 'number' }
	});
}
