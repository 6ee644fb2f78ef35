"""The module itself: version, variants, enums, datatypes, error types."""
import numpy as np
import pytest

import openpmd_api as io


def test_version_and_variants():
    assert io.__version__.startswith("0.16")
    assert io.__openPMD_standard__ == "1.1.0"
    assert io.variants["json"] is True
    assert set(io.variants) >= {"json", "hdf5", "mpi"}
    assert "json" in io.file_extensions
    assert ("h5" in io.file_extensions) == io.variants["hdf5"]


def test_enums_have_openpmd_api_names():
    assert io.Access.read_only == io.Access.read_random_access
    assert {io.Access.read_linear, io.Access.read_write, io.Access.create,
            io.Access.append} != set()
    assert io.Geometry.thetaMode.name == "thetaMode"
    assert io.Iteration_Encoding.file_based.name == "file_based"
    assert io.Unit_Dimension.theta.value == 4
    assert io.Datatype.VEC_STRING.name == "VEC_STRING"
    assert io.Record_Component.SCALAR == "\vScalar"
    assert io.Mesh_Record_Component.SCALAR == "\vScalar"
    assert io.Particle_Species is io.ParticleSpecies


NUMPY_TO_OPENPMD = [
    (np.int8, io.Datatype.SCHAR),
    (np.uint8, io.Datatype.UCHAR),
    (np.int16, io.Datatype.SHORT),
    (np.uint16, io.Datatype.USHORT),
    (np.int32, io.Datatype.INT),
    (np.uint32, io.Datatype.UINT),
    (np.int64, io.Datatype.LONG),
    (np.uint64, io.Datatype.ULONG),
    (np.longlong, io.Datatype.LONGLONG),
    (np.ulonglong, io.Datatype.ULONGLONG),
    (np.float32, io.Datatype.FLOAT),
    (np.float64, io.Datatype.DOUBLE),
    (np.longdouble, io.Datatype.LONG_DOUBLE),
    (np.complex64, io.Datatype.CFLOAT),
    (np.complex128, io.Datatype.CDOUBLE),
    (np.clongdouble, io.Datatype.CLONG_DOUBLE),
    (np.bool_, io.Datatype.BOOL),
]


@pytest.mark.parametrize("numpy_type, datatype", NUMPY_TO_OPENPMD)
def test_determine_datatype(numpy_type, datatype):
    assert io.determine_datatype(numpy_type) == datatype
    assert io.determine_datatype(np.dtype(numpy_type)) == datatype
    assert io.determine_datatype(np.zeros(2, dtype=numpy_type)) == datatype
    assert io.determine_datatype(datatype) == datatype
    assert io.to_numpy_dtype(datatype) == np.dtype(numpy_type)


def test_determine_datatype_rejects_unknown_types():
    with pytest.raises(TypeError, match="float16"):
        io.determine_datatype(np.float16)
    with pytest.raises(TypeError, match="not a datatype"):
        io.determine_datatype(object())


def test_error_types_derive_from_one_base():
    for name in ["ErrorWrongAPIUsage", "ErrorOperationUnsupportedInBackend",
                 "ErrorBackendConfigSchema", "ErrorInternal", "ErrorNoSuchAttribute",
                 "ErrorReadError", "ErrorWriteError", "ErrorIllegalConversion"]:
        error_type = getattr(io, name)
        assert issubclass(error_type, io.Error), name
    assert issubclass(io.Error, RuntimeError)


def test_dataset():
    d = io.Dataset(np.dtype("float32"), [2, 3], '{"resizable": true}')
    assert d.dtype == io.Datatype.FLOAT
    assert d.extent == [2, 3]
    assert d.rank == 2
    assert d.options == '{"resizable": true}'
    d.extend([4, 3])
    assert d.extent == [4, 3]
    with pytest.raises(io.ErrorWrongAPIUsage):
        d.extend([1, 3])
    assert io.Dataset(io.Datatype.INT, [5]).dtype == io.Datatype.INT
    assert io.Dataset([7]).dtype == io.Datatype.UNDEFINED
