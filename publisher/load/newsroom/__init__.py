"""Raw newsroom copy (.txt): headline, deck, dateline, credits and source lines → an Article."""
