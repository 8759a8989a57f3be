;; A component of world test:host/faulty (Host/wit/features): `boom` traps.
(component
  (core module $m (func (export "boom") (result i32) unreachable))
  (core instance $m (instantiate $m))
  (func $boom (result u32) (canon lift (core func $m "boom")))
  (instance $faults (export "boom" (func $boom)))
  (export "test:host/faults@1.0.0" (instance $faults))
)
