from celery import shared_task


@shared_task(ignore_result=True)
def envoyer_taches_en_attente() -> int:
    """Every minute (contratville/celery.py): the tasks kept in the outbox while Redis was down."""
    from contratville.outbox import vider

    return vider()
