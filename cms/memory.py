import gc


def freeze_loaded():
    """Collect the garbage that loading left behind, then exempt everything still alive from the
    garbage collector. Modules, models, settings and URL patterns live as long as the process;
    scanning them again made each full collection take about 100 ms in the middle of a request,
    and about 10 ms once they are frozen."""
    gc.collect()
    gc.freeze()
