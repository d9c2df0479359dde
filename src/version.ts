/** The package's version (package.json), carried by the elements so copies on one page can tell each other apart. */
export const VERSION = '0.1.0';
