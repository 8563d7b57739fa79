# SPDX-License-Identifier: GPL-2.0-only
# FindPicoSAT: Debian's 'picosat' package ships picosat/picosat.h and
# libpicosat without a pkg-config file or CMake config, so look for them.
#
# Defines PicoSAT_FOUND, PicoSAT_INCLUDE_DIR, PicoSAT_LIBRARY and the
# imported target PicoSAT::PicoSAT.
find_path(PicoSAT_INCLUDE_DIR NAMES picosat/picosat.h)
find_library(PicoSAT_LIBRARY NAMES picosat)

include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(PicoSAT
  REQUIRED_VARS PicoSAT_LIBRARY PicoSAT_INCLUDE_DIR
  REASON_FAILURE_MESSAGE "install Debian's 'picosat' package")

if(PicoSAT_FOUND AND NOT TARGET PicoSAT::PicoSAT)
  add_library(PicoSAT::PicoSAT UNKNOWN IMPORTED)
  set_target_properties(PicoSAT::PicoSAT PROPERTIES
    IMPORTED_LOCATION "${PicoSAT_LIBRARY}"
    INTERFACE_INCLUDE_DIRECTORIES "${PicoSAT_INCLUDE_DIR}")
endif()
mark_as_advanced(PicoSAT_INCLUDE_DIR PicoSAT_LIBRARY)
