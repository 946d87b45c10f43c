import { directionOfKey, neighbour } from './graph-navigation';

// start → check → (home | hotel | hospital) → end
const edges = [
  { source: 'start', target: 'check' },
  { source: 'check', target: 'home' },
  { source: 'check', target: 'hotel' },
  { source: 'check', target: 'hospital' },
  { source: 'home', target: 'end' },
  { source: 'hotel', target: 'end' },
];

describe('keyboard navigation along the edges', () => {
  it('goes to the next and previous step', () => {
    expect(neighbour(edges, 'start', 'next')).toBe('check');
    expect(neighbour(edges, 'check', 'next')).toBe('home');
    expect(neighbour(edges, 'hotel', 'previous')).toBe('check');
    expect(neighbour(edges, 'start', 'previous')).toBeUndefined();
    expect(neighbour(edges, 'hospital', 'next')).toBeUndefined();
  });

  it('cycles through the branches that leave the same step', () => {
    expect(neighbour(edges, 'home', 'nextSibling')).toBe('hotel');
    expect(neighbour(edges, 'hospital', 'nextSibling')).toBe('home');
    expect(neighbour(edges, 'home', 'previousSibling')).toBe('hospital');
    expect(neighbour(edges, 'check', 'nextSibling')).toBeUndefined();
  });

  it('answers only Alt with an arrow', () => {
    expect(directionOfKey('ArrowRight', true)).toBe('next');
    expect(directionOfKey('ArrowUp', true)).toBe('previousSibling');
    expect(directionOfKey('ArrowRight', false)).toBeUndefined();
    expect(directionOfKey('Enter', true)).toBeUndefined();
  });
});
