// The stopword package ships no type declarations; these are the lists Lotse uses.
declare module "stopword" {
  export const deu: string[];
  export const eng: string[];
  export const rus: string[];
  export const ukr: string[];
  export const tur: string[];
  export const ara: string[];
  export const fas: string[];
}
