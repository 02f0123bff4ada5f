import type { Migration } from 'kysely';
import * as m20261122190000 from './20261122190000_create_organisation';
import * as m20261122190100 from './20261122190100_create_app_user';
import * as m20261122190200 from './20261122190200_create_import_batch';
import * as m20261122190300 from './20261122190300_create_spend';
import * as m20261122190400 from './20261122190400_create_training_record';
import * as m20261122190500 from './20261122190500_create_device';
import * as m20261122190600 from './20261122190600_create_incident';
import * as m20261122190700 from './20261122190700_create_framework';
import * as m20261122190800 from './20261122190800_create_assessment';
import * as m20261122190900 from './20261122190900_create_public_status';
import * as m20261122191000 from './20261122191000_create_report_snapshot';
import * as m20261122191100 from './20261122191100_create_audit_event';
import * as m20261122200000 from './20261122200000_create_user_invitation';
import * as m20261122200100 from './20261122200100_create_sign_in_throttle';
import * as m20261122200200 from './20261122200200_protect_audit_event';
import * as m20261122200300 from './20261122200300_create_pgcrypto_extension';
import * as m20261122210000 from './20261122210000_key_device_by_snapshot';
import * as m20261122210100 from './20261122210100_add_device_snapshot_stale_count';
import * as m20261122210200 from './20261122210200_create_import_mapping';
import * as m20261122230000 from './20261122230000_index_training_record_for_metrics';
import * as m20261122230100 from './20261122230100_add_device_snapshot_mix_counts';
import * as m20261123020000 from './20261123020000_create_monthly_rollup';
import * as m20261123020100 from './20261123020100_add_framework_incident_grading';
import * as m20261123030000 from './20261123030000_create_veracity_finding';
import * as m20261123040000 from './20261123040000_create_report_share';
import * as m20261123050000 from './20261123050000_create_it_budget';
import * as m20261124010000 from './20261124010000_create_assurance_activity';
import * as m20261124010100 from './20261124010100_create_assurance_finding';
import * as m20261124010200 from './20261124010200_create_phishing_result';
import * as m20261124010300 from './20261124010300_create_discovered_app';
import * as m20261124010400 from './20261124010400_create_approved_messaging_app';
import * as m20261124010500 from './20261124010500_allow_findings_and_apps_imports';
import * as m20261207120000 from './20261207120000_add_report_audit_checkpoint';
import * as m20261207130000 from './20261207130000_snapshot_public_status';
import * as m20261207130100 from './20261207130100_create_import_rejection';
import * as m20261208100000 from './20261208100000_add_organisation_freshness_settings';
import * as m20261208110000 from './20261208110000_create_plan_history';
import * as m20261209100000 from './20261209100000_create_assurance_finding_history';
import * as m20261210100000 from './20261210100000_create_overview_version_function';

/**
 * Every migration, in order. Listed by hand rather than read from the folder at run time so the CLI (tsx),
 * the tests (vitest) and the built server all load them the same way; a test checks the list against the folder.
 */
export const migrations: Record<string, Migration> = {
	'20261122190000_create_organisation': m20261122190000,
	'20261122190100_create_app_user': m20261122190100,
	'20261122190200_create_import_batch': m20261122190200,
	'20261122190300_create_spend': m20261122190300,
	'20261122190400_create_training_record': m20261122190400,
	'20261122190500_create_device': m20261122190500,
	'20261122190600_create_incident': m20261122190600,
	'20261122190700_create_framework': m20261122190700,
	'20261122190800_create_assessment': m20261122190800,
	'20261122190900_create_public_status': m20261122190900,
	'20261122191000_create_report_snapshot': m20261122191000,
	'20261122191100_create_audit_event': m20261122191100,
	'20261122200000_create_user_invitation': m20261122200000,
	'20261122200100_create_sign_in_throttle': m20261122200100,
	'20261122200200_protect_audit_event': m20261122200200,
	'20261122200300_create_pgcrypto_extension': m20261122200300,
	'20261122210000_key_device_by_snapshot': m20261122210000,
	'20261122210100_add_device_snapshot_stale_count': m20261122210100,
	'20261122210200_create_import_mapping': m20261122210200,
	'20261122230000_index_training_record_for_metrics': m20261122230000,
	'20261122230100_add_device_snapshot_mix_counts': m20261122230100,
	'20261123020000_create_monthly_rollup': m20261123020000,
	'20261123020100_add_framework_incident_grading': m20261123020100,
	'20261123030000_create_veracity_finding': m20261123030000,
	'20261123040000_create_report_share': m20261123040000,
	'20261123050000_create_it_budget': m20261123050000,
	'20261124010000_create_assurance_activity': m20261124010000,
	'20261124010100_create_assurance_finding': m20261124010100,
	'20261124010200_create_phishing_result': m20261124010200,
	'20261124010300_create_discovered_app': m20261124010300,
	'20261124010400_create_approved_messaging_app': m20261124010400,
	'20261124010500_allow_findings_and_apps_imports': m20261124010500,
	'20261207120000_add_report_audit_checkpoint': m20261207120000,
	'20261207130000_snapshot_public_status': m20261207130000,
	'20261207130100_create_import_rejection': m20261207130100,
	'20261208100000_add_organisation_freshness_settings': m20261208100000,
	'20261208110000_create_plan_history': m20261208110000,
	'20261209100000_create_assurance_finding_history': m20261209100000,
	'20261210100000_create_overview_version_function': m20261210100000
};
