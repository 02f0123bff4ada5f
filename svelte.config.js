import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	compilerOptions: { runes: true },
	kit: {
		adapter: adapter(),
		typescript: {
			// Migrations, report builders, the CLI's scripts and the tests live outside src/ but are
			// part of the product: type-check them with the same settings.
			config(tsconfig) {
				tsconfig.include.push(
					'../migrations/**/*.ts',
					'../reports/**/*.ts',
					'../scripts/**/*.ts',
					'../tests/**/*.ts',
					'../vite.config.ts'
				);
			}
		}
	}
};

export default config;
