namespace Partnership.Contracts.Justice.V1;

// The justice contract's submit calls are typed per return; reading one back takes the shared shapes (ReturnCallShapes.cs).
public partial class GetReturnRequest : IGetReturnRequest;

public partial class BoardReturn : IReturnMessage;
