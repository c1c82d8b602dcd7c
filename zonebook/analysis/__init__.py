"""The analysis: pure functions over the tidy tables (`metrics`), the goal path (`goal`), every computed
statement the book and the decks print (`readings`), and what changed between two vintages (`changes`)."""
