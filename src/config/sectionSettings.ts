/**
 * A section's settings, built from its lines when first read and kept as a list (see below). The
 * profile set hands these out as `Section.properties`.
 */
import { PropertySink, RawFile, RawProperty, RawSection, sectionProperties } from './parser';

/**
 * Collects one section's settings while it is built (one section is built at a time), so that the
 * section keeps an array of exactly its size: a pushed-to array reserves ~17 slots, and most
 * sections hold about five. A later line with the same key replaces the earlier one in place, as
 * in a Map; past `INDEXED_FROM` settings a Map finds the earlier one.
 */
const collected: RawProperty[] = [];
let collectedIndex: Map<string, number> | undefined;
const collector: PropertySink = {
  set(key, property) {
    const at = collectedIndex !== undefined ? (collectedIndex.get(key) ?? -1) : indexIn(collected, key);
    if (at >= 0) {
      collected[at] = property;
      return;
    }
    collected.push(property);
    if (collectedIndex !== undefined) collectedIndex.set(key, collected.length - 1);
    else if (collected.length > INDEXED_FROM) collectedIndex = indexOf(collected);
  },
};

/** Sections with more settings than this get a Map from key to position; smaller ones are searched. */
const INDEXED_FROM = 16;

function indexIn(items: readonly RawProperty[], key: string): number {
  for (let i = 0; i < items.length; i++) if ((items[i] as RawProperty).key === key) return i;
  return -1;
}

function indexOf(items: readonly RawProperty[]): Map<string, number> {
  return new Map(items.map((p, i) => [p.key, i]));
}

/**
 * A section's properties, built from its lines on first use. Loading a file checks every line and
 * finds every section; the strings and objects of a section's settings are made only for the
 * sections something reads (the status bar reads one profile; the picker reads them all). They
 * are kept as a list in file order: cheaper to build than a Map, and as fast to search at the
 * size of a usual section.
 */
export class SectionPropertyMap implements ReadonlyMap<string, RawProperty> {
  private built: RawProperty[] | undefined;
  private index: Map<string, number> | undefined;

  constructor(
    private readonly file: RawFile,
    private readonly section: RawSection,
  ) {}

  private get items(): RawProperty[] {
    if (this.built === undefined) {
      collected.length = 0;
      collectedIndex = undefined;
      sectionProperties(this.file, this.section, collector);
      this.built = collected.slice();
      // The collector's index (made once it passed INDEXED_FROM) holds the same positions.
      this.index = collectedIndex;
      collected.length = 0;
      collectedIndex = undefined;
    }
    return this.built;
  }

  private at(key: string): number {
    const items = this.items;
    return this.index !== undefined ? (this.index.get(key) ?? -1) : indexIn(items, key);
  }

  get size(): number {
    return this.items.length;
  }
  get(key: string): RawProperty | undefined {
    const at = this.at(key);
    return at < 0 ? undefined : this.items[at];
  }
  has(key: string): boolean {
    return this.at(key) >= 0;
  }
  forEach(callback: (value: RawProperty, key: string, map: ReadonlyMap<string, RawProperty>) => void, thisArg?: unknown): void {
    for (const p of this.items) callback.call(thisArg, p, p.key, this);
  }
  entries(): MapIterator<[string, RawProperty]> {
    return asMapIterator(this.items.map((p): [string, RawProperty] => [p.key, p]).values());
  }
  keys(): MapIterator<string> {
    return asMapIterator(this.items.map((p) => p.key).values());
  }
  values(): MapIterator<RawProperty> {
    return asMapIterator(this.items.values());
  }
  [Symbol.iterator](): MapIterator<[string, RawProperty]> {
    return this.entries();
  }
}

/** An array's iterator serves where a Map's is expected: both are the same kind of built-in iterator. */
function asMapIterator<T>(it: ArrayIterator<T>): MapIterator<T> {
  return it as unknown as MapIterator<T>;
}
