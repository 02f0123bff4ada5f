// House rules a machine can check (DESIGN.md §9 rule 8): the recommended JavaScript, TypeScript and Svelte
// rules, Kysely only where queries live, no import cycles, and a warning when a file outgrows 300 lines.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import { importX } from 'eslint-plugin-import-x';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

/** Where a value import from kysely is allowed: query files, the database layer, seeds and migrations. */
const KYSELY_HOMES = ['**/queries.ts', '**/*-queries.ts', 'src/lib/server/db/**', 'src/lib/server/seed/**', 'migrations/**', 'scripts/**', 'tests/**'];

export default ts.config(
	{ ignores: ['build/', '.svelte-kit/', 'node_modules/', 'data/', 'static/', 'tests/artifacts/', 'tests/fixtures/', 'src/lib/server/db/schema.ts'] },
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	prettier,
	...svelte.configs.prettier,
	{ languageOptions: { globals: { ...globals.browser, ...globals.node } } },
	{
		files: ['**/*.svelte', '**/*.svelte.ts'],
		languageOptions: { parserOptions: { parser: ts.parser, extraFileExtensions: ['.svelte'], svelteConfig } }
	},
	{
		rules: {
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
			'max-lines': ['warn', { max: 300, skipBlankLines: false, skipComments: false }],
			// Beacon is served from the root (no paths.base), and its links are built by helpers the e2e tests
			// follow: wrapping each in resolve() would add nothing.
			'svelte/no-navigation-without-resolve': 'off',
			// URLSearchParams and Maps here are throwaway values built inside functions and $derived, never state.
			'svelte/prefer-svelte-reactivity': 'off',
			// Prettier owns whitespace in markup, and writes {' '} where a line break would otherwise lose a space.
			'svelte/no-useless-mustaches': 'off'
		}
	},
	{
		// Migrations are frozen in time and typed Kysely<any> on purpose (house rule 4); the database layer
		// works below the generated types (the migrator, COPY); tests edit arbitrary JSON and any table.
		files: ['migrations/**', 'src/lib/server/db/**', 'tests/**'],
		rules: { '@typescript-eslint/no-explicit-any': 'off' }
	},
	{
		files: ['**/*.ts', '**/*.js', '**/*.mjs', '**/*.svelte'],
		plugins: { 'import-x': importX },
		settings: {
			...importX.flatConfigs.typescript.settings,
			'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })]
		},
		rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] }
	},
	{
		// Day boundaries are decided once, on London's calendar, in src/lib/server/db/day.ts (Intl in TypeScript,
		// one SQL helper), never by the machine's TZ: server code may not read or set a Date in local time.
		// tests/unit/time-zone-rules.test.ts checks the SQL (current_date, zones named outside that helper).
		files: ['src/lib/server/**', 'src/cli/**', 'reports/**'],
		rules: {
			'no-restricted-properties': [
				'error',
				...[
					'getHours',
					'getMinutes',
					'getDate',
					'getDay',
					'getMonth',
					'getFullYear',
					'getTimezoneOffset',
					'setHours',
					'setDate',
					'setMonth',
					'setFullYear',
					'toDateString',
					'toTimeString'
				].map((property) => ({
					property,
					message: `${property} reads local time, which depends on the machine's TZ: use the getUTC… form or metrics/periods.ts.`
				}))
			]
		}
	},
	{
		files: ['**/*.ts', '**/*.svelte'],
		ignores: KYSELY_HOMES,
		rules: {
			'@typescript-eslint/no-restricted-imports': [
				'error',
				{
					paths: [{ name: 'kysely', message: 'Kysely lives in queries.ts files (house rule 2); import its types with `import type`.', allowTypeImports: true }]
				}
			]
		}
	}
);
