import type { FrameInput } from '../../../../reports/frame';
import { renderPdf, type EmbeddedFile } from '../../../../reports/render.server';
import { signingIdentity } from '../signing/identity';
import { sealPdf } from '../signing/seal';
import type { ReportKind } from './report-kind';

const MIME: Record<string, string> = { json: 'application/json', csv: 'text/csv' };

function describeFile(name: string): Pick<EmbeddedFile, 'type' | 'description' | 'relationship'> {
	const type = MIME[name.split('.').pop() ?? ''] ?? 'application/octet-stream';
	if (name === 'manifest.json')
		return { type, relationship: 'Supplement', description: 'Manifest: report id, data hash, each file’s SHA-256, audit checkpoint' };
	if (name === 'data.json' || name === 'assessment.json')
		return { type, relationship: 'Data', description: 'The frozen data of this pack (canonical JSON; its SHA-256 is the data hash)' };
	return { type, relationship: 'Data', description: `${name}, made from the frozen data` };
}

export interface FrozenPdf {
	bytes: Buffer;
	pages: number;
}

/**
 * The PDF of a pack at the moment it is frozen: PDF/A-3b with the pack's files embedded, then signed with
 * the installation's certificate (detached CMS over SHA-256, PAdES B-B). The signature covers every byte
 * but itself: pages, metadata (report id, data hash, audit checkpoint) and the embedded files.
 */
export async function freezePdf(kind: ReportKind<unknown>, data: unknown, meta: FrameInput): Promise<FrozenPdf> {
	const files: EmbeddedFile[] = kind.files(data, meta).map(([name, bytes]) => ({ name, bytes, ...describeFile(name) }));
	const rendered = await renderPdf(kind.build(data, meta), {
		files,
		signature: {
			reason: `${meta.title} ${meta.reportId} frozen by Beacon; data SHA-256 ${meta.dataSha256}`,
			name: 'Beacon',
			location: `${meta.organisation.name} (${meta.organisation.ods})`,
			contactInfo: '',
			signingTime: new Date(meta.generatedAt)
		}
	});
	return { bytes: await sealPdf(rendered.bytes, signingIdentity()), pages: rendered.pages };
}
