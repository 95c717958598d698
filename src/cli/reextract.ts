/**
 * `newsdigest reextract [--json]`: runs the figure rules in config again over every stored article
 * (backlog included) and replaces each article's figures, after the rules changed. Idempotent: a
 * second run stores the same figures. An article that fails is logged and counted; the others go on,
 * and the exit status is 1.
 */
import type { Command } from 'commander';
import { openRuntime } from '../runtime.js';
import { extractFigures } from '../figures/extractFigures.js';
import type { FigureRules } from '../figures/rules.js';
import type { Logger } from '../observability/logger.js';
import type { Store, StoredArticle } from '../store/store.js';

export interface ReextractResult {
  articles: number;
  figures: number;
  failed: number;
}

/** The source name an article's figures are read with: its first feed's name. */
const sourceOf = (article: StoredArticle): string | null => article.sources[0]?.name ?? null;

export async function reextractFigures(store: Store, rules: FigureRules, logger: Logger): Promise<ReextractResult> {
  const articles = await store.listArticles({ includeSeeded: true });
  const result: ReextractResult = { articles: 0, figures: 0, failed: 0 };
  for (const article of articles) {
    try {
      const figures = extractFigures(
        { title: article.title, text: article.text ?? article.summary ?? '', published: article.published, source: sourceOf(article) },
        rules,
      );
      await store.replaceFigures(article.id, figures);
      result.articles++;
      result.figures += figures.length;
    } catch (err) {
      result.failed++;
      logger.error({ articleId: article.id, err }, 'reextract: article failed');
    }
  }
  return result;
}

export function registerReextract(program: Command): void {
  program
    .command('reextract')
    .description('read the key figures of every stored article again with the current rules')
    .option('--json', 'print {"articles","figures","failed"} as JSON')
    .action(async (opts: { json?: boolean }) => {
      const rt = await openRuntime();
      let result: ReextractResult;
      try {
        result = await reextractFigures(rt.store, rt.config.figures, rt.logger);
      } finally {
        await rt.close();
      }
      process.stdout.write(
        opts.json
          ? `${JSON.stringify(result)}\n`
          : `re-extracted ${result.articles} article(s): ${result.figures} figure(s)${result.failed ? `, ${result.failed} failed` : ''}\n`,
      );
      if (result.failed > 0) process.exitCode = 1;
    });
}
