/**
 * The daily dispatch's small charts, plain SVG: a bar for one figure (its share of the largest
 * beside it), and a stacked bar for a district's section (one segment per item, coloured as in
 * the legend). Each scales to its cell's width, so the charts fit a 390 px screen.
 */
import { memo } from 'react';

const PALETTE = ['#1d5fbf', '#c62828', '#b26a00', '#2e7d32', '#6a1b9a', '#37474f'];

/** The colour of a section's n-th item. */
export const itemColour = (index: number) => PALETTE[index % PALETTE.length];

export const ValueBar = memo(function ValueBar({ value, max, colour, label }: { value: number; max: number; colour: string; label: string }) {
  const width = max > 0 ? (value / max) * 100 : 0;
  return (
    <svg className="value-bar" viewBox="0 0 100 10" preserveAspectRatio="none" role="img" aria-label={`${label}: ${value}`} data-testid="value-bar">
      <rect x={0} y={0} width={100} height={10} fill="var(--bg)" />
      <rect x={0} y={0} width={width} height={10} fill={colour} data-value={value} />
    </svg>
  );
});

export interface Segment {
  key: string;
  label: string;
  value: number;
}

export const StackedBar = memo(function StackedBar({ segments, max }: { segments: Segment[]; max: number }) {
  let x = 0;
  return (
    <svg className="stacked-bar" viewBox="0 0 100 10" preserveAspectRatio="none" role="img" data-testid="stacked-bar">
      <rect x={0} y={0} width={100} height={10} fill="var(--bg)" />
      {segments.map((s, i) => {
        const width = max > 0 ? (s.value / max) * 100 : 0;
        const rect = (
          <rect key={s.key} x={x} y={0} width={width} height={10} fill={itemColour(i)} data-value={s.value}>
            <title>{`${s.label}: ${s.value}`}</title>
          </rect>
        );
        x += width;
        return rect;
      })}
    </svg>
  );
});
