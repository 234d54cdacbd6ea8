namespace Partnership.Contracts.Victims.V1;

// A victim services return read back takes the shared shape (ReturnCallShapes.cs), plus its commission.
public partial class VictimReturn : IReturnMessage;
