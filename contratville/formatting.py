from decimal import ROUND_HALF_UP, Decimal

NBSP = "\u00a0"


def format_euros(value, decimals: int = 2) -> str:
    """French money: format_euros(Decimal("12500")) == "12 500,00 €" (no-break spaces)."""
    if value in (None, ""):
        return ""
    quantum = Decimal(1).scaleb(-decimals)
    amount = Decimal(value).quantize(quantum, rounding=ROUND_HALF_UP)
    sign = "-" if amount < 0 else ""
    integer, _, fraction = f"{abs(amount):.{decimals}f}".partition(".")
    groups = []
    while integer:
        groups.insert(0, integer[-3:])
        integer = integer[:-3]
    text = NBSP.join(groups)
    if fraction:
        text += "," + fraction
    return f"{sign}{text}{NBSP}€"
