import type { LexiconGroup } from "../lexicon-forms.js";

/**
 * Health data in English (DSGVO Art. 9): diagnoses with their usual modifiers ("severe
 * depression", "type 1 diabetes", "breast cancer"), disabilities and aids, pregnancy, medication,
 * treatment, and the phrases around them ("suffers from …", "is on … medication", "pills for …").
 */

const DEGREE = String.raw`(?:(?:stage\s+(?:[1-4]|I{1,3}|IV|one|two|three|four)|severe|chronic|mild|acute|serious|clinical|major|postnatal|postpartum|post-natal|untreated|terminal|advanced|rare|congenital|mental|psychological|complex)\s+)*`;
const ORGAN = String.raw`spinal\s+cord|head|breast|lung|skin|bone|blood|prostate|cervical|colon|bowel|stomach|liver|kidney|brain|throat|ovarian|pancreatic|thyroid|testicular|bladder|heart|spinal|eye|knee|hip|back`;
const NUMBER = String.raw`\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|twenty|thirty|a\s+few|several`;

export const HEALTH_EN: LexiconGroup[] = [
  {
    kind: "health",
    variant: "condition",
    terms: [
      String.raw`${DEGREE}(?:epilepsy|epileptic\s+(?:seizures|fits)|seizures|(?:type\s?(?:1|2|I|II|one|two)\s+)?diabetes(?:\s+type\s?(?:1|2|I|II))?|cancer|tumou?rs?|leuka?emia|lymphoma|HIV|AIDS|hepatitis(?:\s?[A-E])?|tuberculosis|asthma|COPD|cystic\s+fibrosis)`,
      String.raw`${DEGREE}(?:${ORGAN})\s+(?:cancer|tumou?r|disease|failure|condition|problems?|issues?|infection|injury|damage|defect|surgery|operation|transplant)|sickle\s+cell(?:\s+(?:disease|ana?emia))?|thalassa?emia|ana?emia|haemophilia|hemophilia`,
      String.raw`heart\s+attack|stroke|high\s+blood\s+pressure|hypertension|heart\s+murmur|a\s+hole\s+in\s+(?:the|his|her)\s+heart|blood\s+clots?|thrombosis|dementia|Alzheimer'?s(?:\s+disease)?|Parkinson'?s(?:\s+disease)?|Crohn'?s(?:\s+disease)?|Lyme\s+disease|multiple\s+sclerosis|osteoporosis|glaucoma|cataracts?|jaundice|hernia|endometriosis|fibromyalgia|neuropathy|cerebral\s+palsy|muscular\s+dystrophy|spina\s+bifida|arthritis|rheumatism|gout|migraines?|back\s+pain|chronic\s+pain|tinnitus|sleep\s+apno?ea|insomnia`,
      String.raw`${DEGREE}(?:depression|anxiety(?:\s+disorder)?|panic\s+attacks|panic\s+disorder|psychosis|psychotic\s+episodes?|schizophrenia|bipolar(?:\s+disorder)?|PTSD|post-?traumatic\s+stress(?:\s+disorder)?|OCD|borderline(?:\s+personality\s+disorder)?|personality\s+disorder|nightmares|flashbacks|hearing\s+voices|hallucinations)`,
      String.raw`trauma(?!\s+(?:centre|center|clinic|unit|ward|team|service|services|counsell?ing|therapy|therapist))|war\s+trauma|eating\s+disorder|anorexia|bulimia|ADHD|autism|Asperger'?s|Down'?s?\s+syndrome|learning\s+difficulties|developmental\s+delay`,
      String.raw`(?:drug|alcohol|gambling|heroin|opioid)\s+(?:addiction|problem|problems|abuse|dependency)|addiction|alcoholism|substance\s+abuse|suicidal\s+thoughts|suicide\s+attempts?|attempted\s+suicide|self-harm(?:ing)?|self\s+harm(?:ing)?|self-injury|cutting\s+(?:himself|herself|themselves)|overdose|born\s+premature(?:ly)?|premature\s+baby|preemie`,
      String.raw`coma|seizures?|nonverbal|non-verbal|wants\s+to\s+(?:die|kill\s+(?:himself|herself|themselves))|tried\s+to\s+kill\s+(?:himself|herself|themselves)|miscarriage|stillbirth|infertility|pre-?eclampsia|gestational\s+diabetes|long\s+COVID|malaria|scabies|head\s+lice|pneumonia|kidney\s+stones|liver\s+cirrhosis|cirrhosis|war\s+injur(?:y|ies)|shrapnel|burn\s+injuries|severe\s+burns|broken\s+(?:leg|arm|hip|back)|fractured\s+\p{L}+|nervous\s+breakdown|burn-?out|bad\s+nerves|a\s+bad\s+heart|drinks\s+too\s+much`,
    ],
  },
  {
    kind: "health",
    variant: "disability",
    terms: [
      String.raw`(?:learning\s+|intellectual\s+|physical\s+|mental\s+|severe\s+|visual\s+|hearing\s+|multiple\s+)?disabilit(?:y|ies)|(?:hearing|visual|sight|speech|mobility|cognitive)\s+impairment|paralysis|amputation|blindness|deafness`,
    ],
  },
  {
    kind: "health",
    variant: "pregnancy",
    terms: [String.raw`pregnancy|high-risk\s+pregnancy|twin\s+pregnancy`],
  },
  {
    kind: "health",
    variant: "treatment",
    terms: [
      String.raw`chemo(?:therapy)?|radiotherapy|radiation\s+therapy|dialysis|physiotherapy|psychotherapy|trauma\s+therapy|counselling\s+for\s+trauma|surgery|an\s+operation|transplant|blood\s+transfusions?|antiretroviral\s+therapy|rehab|detox|C-section|caesarean(?:\s+section)?|cesarean|abortion|termination\s+of\s+pregnancy`,
    ],
  },
  // The phrases around a diagnosis the lexicon does not know.
  {
    kind: "health",
    variant: "condition",
    terms: [
      String.raw`(?<=(?:diagnosis\s*:|diagnosed\s+with|diagnosed\s+as\s+having)\s*(?:(?:an|a|severe|chronic)\s+)?)(?!and\b|the\b)\p{L}{3,}(?:[\s-](?:disease|disorder|syndrome|cancer|failure|pain))?`,
      String.raw`(?<=suffers?\s+from\s+(?:(?:an|a|chronic|severe|terrible|bad)\s+)*)(?!and\b|the\b)\p{L}{3,}(?:\s+(?:pain|disease|disorder|problems|attacks|failure))?`,
      String.raw`(?<=(?:treated|being\s+treated|in\s+treatment|hospitali[sz]ed|operated\s+on)\s+for\s+(?:(?:an|a|chronic|severe|his|her|their)\s+)*)(?!the\b)\p{L}{3,}(?:\s+(?:disease|disorder|cancer|failure|infection))?`,
    ],
  },
  // Pregnancy and other details: "[health detail]".
  {
    kind: "health",
    terms: [
      String.raw`(?:(?:${NUMBER})\s+(?:weeks?|months?)\s+|heavily\s+|very\s+)?pregnant(?:\s+with\s+(?:twins|triplets|her\s+\p{L}+\s+child))?|expecting\s+(?:a\s+baby|a\s+child|twins|her\s+\p{L}+\s+child)|due\s+date|gave\s+birth|newborn|breastfeeding|breast-feeding|antenatal|prenatal|midwife|maternity\s+ward`,
      String.raw`suicidal|traumatised|traumatized|mentally\s+ill|mental\s+health\s+(?:problems|issues|condition|crisis)|psychological\s+problems|schizophrenic|autistic|epileptic|diabetic|HIV[-\s]positive|HIV[-\s]infected|disabled|paralysed|paralyzed|quadriplegic|paraplegic|amputee|bedridden|bed-bound|visually\s+impaired|partially\s+sighted|hard\s+of\s+hearing|alcoholic|addicted|drug\s+addict|drug\s+user|takes\s+drugs|drug\s+use`,
      String.raw`(?:in\s+a|uses\s+a|needs\s+a)\s+(?:wheelchair|walker|walking\s+frame|walking\s+stick|cane)|wheelchair(?:\s+user)?|walking\s+frame|crutches|hearing\s+aids?|cochlear\s+implant|prosthe(?:sis|tic\s+(?:leg|arm|limb))|guide\s+dog|white\s+cane|pacemaker|oxygen\s+tank|feeding\s+tube|catheter|blind\s+in\s+one\s+eye|deaf\s+in\s+one\s+ear|cannot\s+walk|can'?t\s+walk|lost\s+(?:a|an|one|his|her|both)\s+(?:legs?|arms?|eyes?|hands?|feet|foot|fingers?|hearing|sight)|(?:blood\s+pressure|blood\s+sugar|sugar\s+levels?)\s+(?:is|are|was|were)\s+(?:(?:too|very|still|dangerously)\s+)*(?:high|low)|high\s+blood\s+sugar|low\s+blood\s+pressure|test\s+strips`,
      String.raw`medication|medications|medicine\s+for\s+\p{L}+|meds|insulin(?:\s+(?:injections|shots|pen|pump))?|metformin|antidepressants|antipsychotics|immunosuppressants|blood\s+thinners|painkillers|sleeping\s+pills|sedatives|tranquilli?[sz]ers|antibiotics|steroids|methadone|buprenorphine|antiretrovirals|ARVs|PrEP|HIV\s+(?:medication|meds|treatment)|anti-epileptic\s+(?:drugs|medication)`,
      String.raw`(?:pills|tablets|medication|medicine|meds|drugs|injections|treatment|therapy|cream)\s+for\s+(?:(?:his|her|their|the|a|an|chronic|severe)\s+)*\p{L}{3,}|(?<=\bon\s+)(?:(?:\p{L}+|[\p{L}-]+)\s+){1,2}(?:medication|medicine|meds|pills|tablets|drugs|treatment)`,
      String.raw`(?:operation|surgery)\s+on\s+(?:his|her|their|the)\s+\p{L}+|HIV\+|the\s+morning-after\s+pill|contraceptives?|in\s+(?:psychiatric\s+|medical\s+)?(?:therapy|treatment)|psychologist|psychiatrist|psychotherapist|therapist|neurologist|oncologist|cardiologist|psychiatric\s+(?:treatment|care|hospital|ward|clinic|unit)|mental\s+(?:hospital|health\s+clinic)|psychiatric|intensive\s+care|ICU|in\s+hospital|in\s+the\s+hospital|hospitali[sz]ed|in\s+quarantine|hospice|palliative\s+care|(?:24-hour|round-the-clock|nursing|home|intensive)\s+care|care\s+home|nursing\s+home|special\s+needs(?:\s+school)?|special\s+school|care\s+level\s+[1-5]|rehab\s+clinic|detox\s+clinic`,
    ],
  },
  // Words with other meanings: health data only as a statement about someone ("is blind").
  {
    kind: "health",
    predicate: true,
    terms: [String.raw`blind|deaf|mute|sick|ill|depressed|on\s+(?:insulin|medication|(?:his|her|their)\s+(?:meds|medication|pills)|methadone|antidepressants|antipsychotics|ARVs|ARV|blood\s+thinners|painkillers|dialysis|chemo|chemotherapy|steroids|antiretrovirals|PrEP|(?:heart|HIV|blood\s+pressure|diabetes|epilepsy|psychiatric)\s+(?:medication|meds|pills|tablets))`],
  },
];
