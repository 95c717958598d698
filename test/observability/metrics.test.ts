import { describe, expect, it } from 'vitest';
import { observeCommand, registry } from '../../src/observability/metrics.js';

async function commandLabels(): Promise<string[]> {
  const metric = (await registry.getMetricsAsJSON()).find((m) => m.name === 'newsdigest_command_seconds')!;
  const labels = metric.values.map((v) => `${String(v.labels.platform)}/${String(v.labels.command)}`);
  return [...new Set(labels)].sort();
}

describe('metrics', () => {
  it('command names nobody registered share one "unknown" label, so labels cannot grow without bound', async () => {
    for (let i = 0; i < 50; i++) observeCommand('discord', `made-up-${i}`, 0.001);
    observeCommand('slack', '../../etc/passwd', 0.001);
    observeCommand('discord', 'ask', 0.002);
    expect(await commandLabels()).toEqual(['discord/ask', 'discord/unknown', 'slack/unknown']);
  });

  it('process metrics carry the project prefix once (newsdigest_process_..., not newsdigest_process_process_...)', async () => {
    const names = (await registry.getMetricsAsJSON()).map((m) => m.name);
    expect(names).toContain('newsdigest_process_cpu_seconds_total');
    expect(names).toContain('newsdigest_nodejs_heap_size_used_bytes');
    expect(names.filter((n) => n.includes('process_process') || n.includes('process_nodejs'))).toEqual([]);
  });
});
