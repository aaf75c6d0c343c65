// natural's own types cover only its index, which loads every module (about a second, and
// dotenv banners on stdout); qualify imports the few modules it uses directly.
declare module 'natural/lib/natural/stemmers/porter_stemmer.js' {
  const PorterStemmer: { stem(word: string): string };
  export default PorterStemmer;
}
declare module 'natural/lib/natural/distance/levenshtein_distance.js' {
  export function LevenshteinDistance(source: string, target: string): number;
}
declare module 'natural/lib/natural/util/stopwords.js' {
  export const words: string[];
}
