import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	compilerOptions: { runes: true },
	kit: {
		adapter: adapter(),
		// Nonces for SvelteKit's own inline script; no other script, nothing from elsewhere. Inline styles are
		// allowed because SvelteKit's route announcer and Svelte's runtime set style attributes.
		csp: {
			mode: 'auto',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				'style-src': ['self', 'unsafe-inline'],
				'img-src': ['self', 'data:'],
				'font-src': ['self'],
				'connect-src': ['self'],
				'object-src': ['none'],
				'base-uri': ['self'],
				'form-action': ['self'],
				'frame-ancestors': ['none']
			}
		},
		typescript: {
			// Migrations, report builders, the CLI's scripts and the tests live outside src/ but are
			// part of the product: type-check them with the same settings.
			config(tsconfig) {
				tsconfig.include.push('../migrations/**/*.ts', '../reports/**/*.ts', '../scripts/**/*.ts', '../tests/**/*.ts', '../vite.config.ts');
			}
		}
	}
};

export default config;
