"""The ground floor: the canonical frames every loader produces and every metric reads
(``frames``: schemas, the agreement scale, ``conform``) and survey answers held as counts
(``survey_counts``). It imports nothing of ours, so every other package may import it."""
