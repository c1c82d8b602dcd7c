"""The house colours, one table each, for the pages, the charts and the decks alike."""

KIND_COLOUR = {"actual": "#1f4e79", "estimate": "#d9822b", "target": "#b03a2e", "claim": "#6a51a3"}
VERDICT_COLOUR = {
    "corroborated": "#2e7d32",
    "weak": "#689f38",
    "partly": "#9e9d24",
    "revised": "#1565c0",
    "conflict": "#c62828",
    "bounded": "#d84315",
    "unverified": "#9e9e9e",
    "missing": "#5d4037",
    "no-figure": "#8d6e63",
}
