// Types of format.js for the server's TypeScript (the browser loads the .js as is).
export type Lang = 'id' | 'en';

export declare const LOCALES: Readonly<Record<Lang, string>>;

export interface Format {
  lang: Lang;
  locale: string;
  number(n: number | null | undefined): string;
  compact(n: number | null | undefined): string;
  percent(f: number | null | undefined): string;
  date(instant: string | number, timeZone: string): string;
  dateTime(instant: string | number, timeZone: string): string;
  day(bucket: string): string;
  period(from: string, to: string, timeZone: string): string;
}

export declare function createFormat(lang: Lang): Format;
