/**
 * Generative AI products that sign C2PA manifests or appear as a software agent. A claim generator
 * naming one is a weaker signal than a digital source type (Adobe_Firefly also signs plain edits),
 * so it only decides the class when the manifest states no source type at all, and the report says so.
 */
const PRODUCTS: readonly { readonly name: string; readonly pattern: RegExp }[] = [
  { name: 'Adobe Firefly', pattern: /\bfirefly\b/i },
  { name: 'Amazon Titan Image Generator', pattern: /\btitan image generator\b/i },
  { name: 'Amazon Bedrock', pattern: /\bamazon[ _]bedrock\b/i },
  { name: 'OpenAI DALL-E', pattern: /\bdall[-·‧ ]?e\b/i },
  { name: 'OpenAI', pattern: /\b(openai|chatgpt|gpt-4o|gpt-image)\b/i },
  { name: 'OpenAI Sora', pattern: /\bsora\b/i },
  { name: 'Midjourney', pattern: /\bmidjourney\b/i },
  { name: 'Stable Diffusion', pattern: /\b(stable[ _-]?diffusion|stability[ _]ai)\b/i },
  { name: 'Google Imagen / Gemini', pattern: /\b(imagen|gemini|veo)\b/i },
  { name: 'Runway', pattern: /\brunway(ml)?\b/i },
  {
    name: 'Microsoft Designer / Bing Image Creator',
    pattern: /\b(bing image creator|microsoft designer)\b/i,
  },
  { name: 'Ideogram', pattern: /\bideogram\b/i },
];

/** The GenAI product a claim generator or software agent names, if any. */
export function genAiProductIn(text: string): string | null {
  const spaced = text.replace(/_/g, ' ');
  return PRODUCTS.find((product) => product.pattern.test(spaced))?.name ?? null;
}
