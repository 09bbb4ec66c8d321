// The template types are declared in the core (each procedure's folder lists its templates); the
// renderers' users see them through this module as before.
@_exported import struct FengqiaoCore.DocumentTemplate
@_exported import struct FengqiaoCore.FieldSpec
@_exported import enum FengqiaoCore.TemplateProblem
