import { canonicalJson, sha256Hex } from '../src/lib/server/reports/canonical-json';
import type { BoardPackData } from './board-pack-data';
import type { FrameInput } from './frame';

/**
 * The files a board pack's PDF carries inside it (PDF/A-3 associated files):
 * - data.json, the pack's frozen data as canonical JSON: exactly the text whose SHA-256 is the report's
 *   data hash;
 * - manifest.json: the report id, the data hash, each file's name, size and SHA-256, and the audit trail's
 *   checkpoint when the pack was made, so the checkpoint is inside what the pack's signature covers.
 */
export const BOARD_MANIFEST_FORMAT = 'beacon-board-pack';

export interface BoardPackManifest {
	format: typeof BOARD_MANIFEST_FORMAT;
	formatVersion: 1;
	reportId: string;
	organisation: { ods: string; name: string };
	period: string;
	generatedAt: string;
	dataSha256: string;
	files: { name: string; bytes: number; sha256: string }[];
	auditCheckpoint?: FrameInput['auditCheckpoint'];
}

export function boardPackFiles(data: BoardPackData, meta: FrameInput): [string, Uint8Array][] {
	const encoder = new TextEncoder();
	const files: [string, Uint8Array][] = [['data.json', encoder.encode(canonicalJson(data))]];
	const manifest: BoardPackManifest = {
		format: BOARD_MANIFEST_FORMAT,
		formatVersion: 1,
		reportId: meta.reportId,
		organisation: meta.organisation,
		period: meta.period,
		generatedAt: meta.generatedAt,
		dataSha256: meta.dataSha256,
		files: files.map(([name, bytes]) => ({ name, bytes: bytes.length, sha256: sha256Hex(bytes) })),
		...(meta.auditCheckpoint ? { auditCheckpoint: meta.auditCheckpoint } : {})
	};
	files.push(['manifest.json', encoder.encode(`${JSON.stringify(manifest, null, 2)}\n`)]);
	return files;
}
