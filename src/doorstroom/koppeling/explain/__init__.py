"""Why a household goes where it goes: explanations, reports, advice and prices explained."""
