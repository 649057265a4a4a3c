// What an intent ID looks like, spelled once: the manifest schema, the tag grammar and completion read it here.

/** The characters of an ID after its first letter (a RegExp character class). */
export const ID_REST_CLASS = '[A-Za-z0-9._:/-]';
export const ID_PATTERN = new RegExp(`^[A-Za-z]${ID_REST_CLASS}*$`);
