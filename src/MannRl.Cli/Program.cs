Console.WriteLine("mannrl");
