"""Configuration, read once: the settings and editions (``config``), the disclosure policy
(``disclosure``), the display labels (``labels``), the accepted file formats
(``file_formats``), the vocabularies the loaders match against (``vocabulary``), the
judgement rule (``judgement_rules``) and the accessibility statement (``accessibility``).
Every file it reads is in config/; it imports only the model, so every package may use it."""
