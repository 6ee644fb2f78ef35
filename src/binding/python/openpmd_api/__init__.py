"""libopenPMD's Python module, a drop-in for openPMD-api's ``openpmd_api``.

Read and write openPMD data (meshes, particles, attributes) with numpy::

    import openpmd_api as io
    series = io.Series("data_%T.h5", io.Access.read_only)
    for index, iteration in series.iterations.items():
        E_x = iteration.meshes["E"]["x"].load_chunk()
        series.flush()  # load_chunk results are filled here

See docs/python.md for the details and the differences to openPMD-api.
"""
from .openpmd_api_cxx import *  # noqa: F401,F403
from .openpmd_api_cxx import (  # noqa: F401
    __version__,
    __openPMD_standard__,
    __openPMD_standard_minimum__,
    __license__,
    variants,
    file_extensions,
    register_connector,
)
from .openpmd_api_cxx import ParticleSpecies as _ParticleSpecies
from .DataFrame import particles_to_dataframe as _particles_to_dataframe

_ParticleSpecies.to_df = _particles_to_dataframe

from . import pickling as _pickling  # noqa: E402

_pickling.install()

# The name of Access before openPMD-api 0.14, still used by older scripts.
Access_Type = Access  # noqa: F405

__all__ = [name for name in dir()
           if not name.startswith("_") and name not in ("DataFrame", "openpmd_api_cxx", "pickling")]
