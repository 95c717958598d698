/**
 * What a reader sees as the name of a measure: "Aid · United States", "Aid package · United States",
 * "Casualties killed · Ukraine". A configured label for the category wins over the derived one.
 */
export function figureLabel(category: string, actor: string | null, labels?: Readonly<Record<string, string>>): string {
  const configured = labels?.[category]?.trim();
  const name = configured || humanizeCategory(category);
  return actor ? `${name} · ${actor}` : name;
}

/** "aid_package" → "Aid package". */
export function humanizeCategory(category: string): string {
  const words = category.replace(/[_-]+/g, ' ').replace(/\s+/g, ' ').trim();
  if (words === '') return 'Figure';
  return words.charAt(0).toUpperCase() + words.slice(1);
}
