"""Particle_Species.to_df(): a species' records as a pandas DataFrame."""
def _columns(species):
    """(column name, record component) for every component of the species.

    Scalar records give one column named like the record (``weighting``),
    vector records one per component (``position_x``).
    """
    scalar_key = "\vScalar"
    for record_name, record in species.items():
        for component_name, component in record.items():
            if component_name == scalar_key:
                yield record_name, component
            else:
                yield record_name + "_" + component_name, component


def particles_to_dataframe(species, slice=None):
    """All records of the species as a pandas DataFrame, one row per particle.

    slice: an optional Python slice of the particles (e.g. slice(0, 100)).
    Loads the data with a flush of the Series. Needs pandas (python3-pandas).
    """
    try:
        import pandas as pd
    except ImportError as missing:
        raise ImportError(
            "Particle_Species.to_df() needs pandas (Debian: python3-pandas)"
        ) from missing
    import numpy as np

    arrays, constants = {}, {}
    for name, component in _columns(species):
        if component.constant:
            # One value for all particles, whatever shape was declared.
            constants[name] = component.get_attribute("value")
            continue
        if component.ndim != 1:
            raise ValueError(
                "to_df: the component '{}' is not one-dimensional (shape {})".format(
                    name, component.shape
                )
            )
        arrays[name] = component.load_chunk() if slice is None else component[slice]
    species.series_flush()
    rows = len(next(iter(arrays.values()))) if arrays else 0
    for name, value in constants.items():
        arrays[name] = np.full(rows, value)
    return pd.DataFrame(arrays)
