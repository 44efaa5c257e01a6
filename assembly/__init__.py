"""Assembly: the data the pages read (``bundle.Bundle``), put together from the data folder's
reference files and manifest (read by ``loaders``) and the store's published versions
(``store``). It stands above both, so neither imports the other."""
