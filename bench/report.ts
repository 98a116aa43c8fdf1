import { writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';

/** One figure of the final table: what was measured, its value, the target and whether it is met. */
export interface Figure {
  store: string;
  name: string;
  value: string;
  target: string;
  /** null when the figure has no target or could not be measured. */
  pass: boolean | null;
}

export const fmt = (n: number, digits = 0) => n.toLocaleString('en', { maximumFractionDigits: digits, minimumFractionDigits: digits });

const loadAverage = () => loadavg().map((l) => l.toFixed(2)).join(' ');

/** Collects figures during the run and renders them as one Markdown table. */
export class Report {
  readonly figures: Figure[] = [];
  readonly started = new Date();
  readonly loadAtStart = loadAverage();

  add(figure: Figure): void {
    this.figures.push(figure);
  }

  render(settings: string): string {
    const rows = this.figures.map((f) => `| ${f.store} | ${f.name} | ${f.value} | ${f.target} | ${f.pass === null ? '—' : f.pass ? 'pass' : '**FAIL**'} |`);
    const passed = this.figures.filter((f) => f.pass === true).length;
    const judged = this.figures.filter((f) => f.pass !== null).length;
    return [
      `Medired bench, ${this.started.toISOString()}, Node ${process.version}, ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown CPU'}).`,
      `Load average at start ${this.loadAtStart}, at end ${loadAverage()} (1, 5, 15 min).`,
      settings,
      '',
      '| store | figure | value | target | |',
      '|---|---|---|---|---|',
      ...rows,
      '',
      `${passed} of ${judged} targets met.`,
      '',
    ].join('\n');
  }

  write(file: string, settings: string): string {
    const text = this.render(settings);
    writeFileSync(file, text);
    return text;
  }
}
