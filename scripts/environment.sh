# Environment shared by the entry scripts; source it, do not run it.
#
# Lets Open MPI run where CI runs (as root, in a container, on few cores) so
# that MPI tests launched by CTest work without extra flags.

# Root may run mpiexec (CI and containers run as root).
export OMPI_ALLOW_RUN_AS_ROOT=1
export OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
# Tests start more ranks than a small machine has cores.
export OMPI_MCA_rmaps_base_oversubscribe=1
# Containers forbid the cross-memory attach that Open MPI tries by default.
export OMPI_MCA_btl_vader_single_copy_mechanism=none
# Without ssh/rsh, mpiexec refuses to start even ranks on the local host;
# an empty launch agent lets it start them.
if ! command -v ssh >/dev/null 2>&1 && ! command -v rsh >/dev/null 2>&1; then
    export OMPI_MCA_plm_rsh_agent=
fi
