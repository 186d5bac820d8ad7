import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { configTableMarkdown } from '../src/config/config-table.markdown';

describe('README configuration table', () => {
  it('is exactly the table generated from the configuration definitions', () => {
    const readme = readFileSync(join(__dirname, '..', '..', '..', 'README.md'), 'utf8');
    const start = readme.indexOf('<!-- config-table:start -->');
    const end = readme.indexOf('<!-- config-table:end -->');
    expect(start).toBeGreaterThan(-1);
    expect(end).toBeGreaterThan(start);
    const inReadme = readme.slice(start + '<!-- config-table:start -->'.length, end).trim();
    // Regenerate with: npm run build && node dist/libs/platform/src/config/print-config-table.js
    expect(cells(inReadme)).toEqual(cells(configTableMarkdown()));
  });
});

/** The table's cells, row by row: Prettier may realign the columns of the README. */
function cells(markdown: string): string[][] {
  return markdown
    .trim()
    .split('\n')
    .map((line) =>
      line
        .split('|')
        .slice(1, -1)
        .map((cell) => cell.trim().replace(/^-+$/, '---')),
    );
}
