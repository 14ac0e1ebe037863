// `npm run bench -- --docs` publishes its report as docs/results.md: the text between the page's
// markers is replaced (the page's own opening kept), and pictures written into the bench's
// output folder are linked from docs/ so that they resolve there.
import { describe, expect, it } from 'vitest';
import { pageWithResults } from '../scripts/bench/report.js';

const page = '# Results\n\nWhat it answers.\n\n<!-- results:start -->\nold\n<!-- results:end -->\n';

describe('the published results page', () => {
  it('replaces only the text between the markers and re-points pictures from docs/ to the output folder', () => {
    const text = '### A\n\n![p](samplers-x.png) ![web](https://x.org/a.png) [md](results-x.md)';
    expect(pageWithResults(page, text, 'bench')).toBe(
      '# Results\n\nWhat it answers.\n\n<!-- results:start -->\n### A\n\n![p](../bench/samplers-x.png) ![web](https://x.org/a.png) [md](results-x.md)\n<!-- results:end -->\n',
    );
    expect(pageWithResults(page, '![p](p.png)', 'out/b')).toContain('![p](../out/b/p.png)');
  });

  it('refuses a page without its markers rather than append to it', () => {
    expect(() => pageWithResults('# Results\n', 'x', 'bench')).toThrow(/no <!-- results:start -->/);
  });
});
