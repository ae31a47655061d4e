namespace Childctl.History;
