import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROUTES = fileURLToPath(new URL('../../../src/routes', import.meta.url));

export interface DiscoveredRoute {
	id: string;
	type: 'page' | 'endpoint';
	ops: string[];
}

/** Every page and endpoint under src/routes with the operations its files define, read from the files. */
export function discoverRoutes(dir = ROUTES): DiscoveredRoute[] {
	const found: DiscoveredRoute[] = [];
	const id = '/' + path.relative(ROUTES, dir).split(path.sep).filter(Boolean).join('/');
	const routeId = id === '/' ? '/' : id;
	if (existsSync(path.join(dir, '+page.svelte'))) {
		const server = path.join(dir, '+page.server.ts');
		const actions = existsSync(server) ? actionNames(readFileSync(server, 'utf8')) : [];
		found.push({ id: routeId, type: 'page', ops: ['GET', ...actions.map((a) => `action:${a}`)] });
	}
	const endpoint = path.join(dir, '+server.ts');
	if (existsSync(endpoint)) {
		const methods = [...readFileSync(endpoint, 'utf8').matchAll(/export const (GET|POST|PUT|PATCH|DELETE)\b/g)].map((m) => m[1] as string);
		found.push({ id: routeId, type: 'endpoint', ops: methods });
	}
	for (const entry of readdirSync(dir)) {
		const child = path.join(dir, entry);
		if (statSync(child).isDirectory()) found.push(...discoverRoutes(child));
	}
	return found;
}

/** The keys of `export const actions = { … }`, at the object's own depth. */
function actionNames(source: string): string[] {
	const start = source.search(/export const actions[^=]*=\s*\{/);
	if (start < 0) return [];
	const open = source.indexOf('{', start);
	const names: string[] = [];
	let depth = 0;
	let token = '';
	for (let i = open; i < source.length; i++) {
		const c = source[i] as string;
		if (c === '{' || c === '(' || c === '[') depth++;
		if (c === '}' || c === ')' || c === ']') {
			depth--;
			if (depth === 0) break;
		}
		// At the object's own depth, an identifier followed directly by ':' is an action's name.
		if (depth === 1) {
			if (/[\w$]/.test(c)) token += c;
			else {
				if (c === ':' && token) names.push(token);
				token = '';
			}
		}
	}
	return names;
}
