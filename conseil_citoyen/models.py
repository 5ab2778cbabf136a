# The conseil citoyen (composition, tirage au sort, réunions, avis, FPH) is built in its own issue.
