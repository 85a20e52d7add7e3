/**
 * Names for the numbers a CIP Identity object reports (List Identity, Get Attributes All on class 1): vendor ids
 * from the ODVA vendor id registry and device profile numbers from the CIP specification. Only the vendors an OT
 * assessment commonly meets are listed; an unknown id is reported as its number so nothing is guessed.
 */

const VENDORS: ReadonlyMap<number, string> = new Map([
  [1, "Rockwell Automation/Allen-Bradley"],
  [3, "Honeywell Inc."],
  [5, "Rockwell Automation/Reliance Elec."],
  [8, "Molex Incorporated"],
  [26, "Festo Corporation"],
  [40, "Wago Corporation"],
  [44, "Yaskawa Electric America Inc."],
  [46, "ABB Industrial Systems"],
  [47, "Omron Corporation"],
  [48, "Turck Inc."],
  [57, "Pepperl + Fuchs"],
  [68, "Eaton Electrical"],
  [82, "Mitsubishi Electric Automation Inc."],
  [83, "OPTO-22"],
  [90, "HMS Industrial Networks AB"],
  [97, "Danfoss"],
  [108, "Beckhoff Automation GmbH"],
  [109, "National Instruments"],
  [143, "GE Industrial Systems"],
  [145, "Siemens Energy & Automation/Drives"],
  [161, "Mitsubishi Electric Corporation"],
  [176, "Red Lion Controls"],
  [181, "Pilz GmbH & Co"],
  [243, "Schneider Automation Inc."],
  [250, "Yokogawa Electric Corporation"],
  [255, "Bosch Rexroth"],
  [283, "Hilscher GmbH"],
  [309, "Prosoft Technology"],
  [315, "SEW Eurodrive GmbH"],
  [319, "Fuji Electric Co. Ltd."],
  [326, "GE Fanuc Automation North America Inc."],
  [345, "Endress + Hauser"],
  [356, "Fanuc Robotics America"],
  [367, "Keyence Corporation"],
  [562, "Phoenix Contact"],
  [591, "FANUC Ltd."],
  [634, "Hirschmann Inc."],
  [640, "Murrelektronik GmbH"],
  [678, "Cognex Corporation"],
  [796, "Siemens Energy & Automation Inc."],
  [808, "SICK AG"],
  [865, "Schweitzer Engineering Laboratories"],
  [887, "Bernecker + Rainer Industrie-Elektronik GmbH"],
  [925, "HIMA Paul Hildebrandt GmbH"],
  [939, "Cisco Systems"],
  [991, "Moxa Networking Co.Ltd."],
  [1006, "N-Tron"],
]);

const DEVICE_TYPES: ReadonlyMap<number, string> = new Map([
  [0, "Generic Device"],
  [2, "AC Drive"],
  [3, "Motor Overload"],
  [4, "Limit Switch"],
  [5, "Inductive Proximity Switch"],
  [6, "Photoelectric Sensor"],
  [7, "General Purpose Discrete I/O"],
  [9, "Resolver"],
  [12, "Communications Adapter"],
  [14, "Programmable Logic Controller"],
  [16, "Position Controller"],
  [19, "DC Drive"],
  [21, "Contactor"],
  [22, "Motor Starter"],
  [23, "Softstart Starter"],
  [24, "Human-Machine Interface"],
  [26, "Mass Flow Controller"],
  [27, "Pneumatic Valve"],
  [28, "Vacuum Pressure Gauge"],
  [34, "Encoder"],
  [35, "Safety Discrete I/O Device"],
  [37, "CIP Motion Drive"],
  [40, "CIP Modbus Device"],
  [41, "CIP Modbus Translator"],
  [42, "Safety Analog I/O Device"],
  [43, "Generic Device (keyable)"],
  [44, "Managed Ethernet Switch"],
]);

export function cipVendorName(id: number): string {
  return VENDORS.get(id) ?? `CIP vendor ${id}`;
}

export function cipDeviceTypeName(type: number): string {
  return DEVICE_TYPES.get(type) ?? `CIP device type ${type}`;
}
